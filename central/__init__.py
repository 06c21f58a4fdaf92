"""RegionLab central store: the HTTP service and command line that all kiosks sync with."""
