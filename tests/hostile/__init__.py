"""The hostile-input suite: a corpus of bad briefing sets, a generator and the runners."""
