"""redline: news text about international politics -> auditable PLOVER event data."""

__version__ = "0.2.0"
CODER_VERSION = f"redline {__version__}"
