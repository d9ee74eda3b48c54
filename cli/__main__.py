"""``python -m qmine.cli`` runs the command line (as the ``qmine`` script does)."""
from .main import main

main(prog_name="qmine")
