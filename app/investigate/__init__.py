"""The investigators' API: related cases, graph exploration, person profiles, timelines, search."""
