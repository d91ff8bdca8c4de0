"""The record views: topics, projects, network, cases, multilateral items, follow-ups."""
