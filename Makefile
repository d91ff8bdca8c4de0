# Shorthands for the two README commands.
.PHONY: run test
run:
	python3 tasks.py run
test:
	python3 tasks.py test
