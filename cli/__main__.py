"""``python -m qmine.cli`` runs the command line (as the ``qmine`` script does)."""
from .main import main

if __name__ == "__main__":  # not when a spawned worker process imports it
    main(prog_name="qmine")
