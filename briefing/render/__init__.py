"""Output for `briefing print`: rich, markdown and json. Never imports Textual."""
