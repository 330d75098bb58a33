"""Risk scoring (风险评分): comparison with the risk database, points per factor, four-colour levels."""
