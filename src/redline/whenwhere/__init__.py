"""When and where an event happened: time expressions (``dates``) and, later, places."""
