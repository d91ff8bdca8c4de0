"""The round planner: details, agenda, delegations, cases and follow-ups of one round."""
