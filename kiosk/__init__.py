"""RegionLab kiosk core: domain, local store, services and sync. Free of Qt by contract."""

__version__ = "0.1.0"
