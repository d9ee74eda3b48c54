"""qmine's command line: a thin click shell over :mod:`qmine.extract`."""
