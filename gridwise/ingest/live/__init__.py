"""Live sources (Electricity Maps, ENTSO-E, SkyPilot catalogs) fetched into the source layout."""
