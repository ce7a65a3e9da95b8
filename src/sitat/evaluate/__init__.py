"""Gold data and scorers behind `sitat eval`."""
