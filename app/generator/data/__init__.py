"""Static word lists and tables the generator draws from (Chinese data, English structure)."""
