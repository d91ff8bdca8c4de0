"""Small drawn marks that do not depend on an icon theme: the padlock that marks confidential records."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

CONFIDENTIAL_TINT = QColor("#fff3d6")  # a warm row tint; the padlock and the word carry the meaning too
PADLOCK_COLOUR = QColor("#8a5a00")


def padlock_pixmap(size: int = 16, colour: QColor = PADLOCK_COLOUR) -> QPixmap:
    """A padlock drawn at `size` pixels, on a transparent background."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16
    pen = QPen(colour, 1.8 * unit)
    painter.setPen(pen)
    shackle = QPainterPath()
    shackle.moveTo(4.5 * unit, 8 * unit)
    shackle.lineTo(4.5 * unit, 5.5 * unit)
    shackle.arcTo(QRectF(4.5 * unit, 1.5 * unit, 7 * unit, 8 * unit), 180, -180)
    shackle.lineTo(11.5 * unit, 8 * unit)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(colour))
    painter.drawRoundedRect(QRectF(2.5 * unit, 7.5 * unit, 11 * unit, 7.5 * unit), 1.5 * unit, 1.5 * unit)
    painter.setBrush(QBrush(Qt.GlobalColor.white))
    painter.drawEllipse(QRectF(7 * unit, 9.8 * unit, 2 * unit, 2 * unit))
    painter.end()
    return pixmap


def padlock_icon() -> QIcon:
    """The padlock at the sizes list rows and labels use."""
    icon = QIcon()
    for size in (16, 24, 32):
        icon.addPixmap(padlock_pixmap(size))
    return icon
