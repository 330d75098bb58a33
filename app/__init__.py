"""CaseLink (案联): graph-database case linkage for comprehensive-governance centres."""

__version__ = "0.1.0"
