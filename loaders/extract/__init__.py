"""The article loader: proposes sourced graph facts from news text, for analyst review."""
