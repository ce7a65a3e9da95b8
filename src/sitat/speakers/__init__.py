"""Who speaks: speaker mentions resolved to entities in the article, with their profiles."""
