"""PDF documents built with reportlab: the shared house look (`document`) and the delegation brief."""
