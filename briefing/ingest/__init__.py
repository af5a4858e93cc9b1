"""Files -> cleaned Articles. Never raises for a bad file; never writes into the folder."""

from briefing.ingest.folder import load_file, load_folder

__all__ = ["load_file", "load_folder"]
