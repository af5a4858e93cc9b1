"""The dashboard's screens: the main dashboard, the article reader and the help."""
