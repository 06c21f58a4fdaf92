"""Showing every answer for the visitor: the result screen, fed by the message bridge.

Whatever flow produced a ``Message``, it shows here; the screen counts down (or the visitor taps
OK) and the window returns to start. A message that names a desk first has it framed in the
screen's small map (``frame_desk``, given by the composition function). Each answer plays its
sound cue (``ui/sound.py``): success for a welcome or goodbye, failure for a problem.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ui.flow import Flow, Scans, ScreenHost
from ui.messages import Message, MessageBridge
from ui.screens.result import ResultScreen
from ui.sound import SoundCues


class ResultFlow(Flow):
    def __init__(
        self,
        screen: ResultScreen,
        messages: MessageBridge,
        *,
        frame_desk: Callable[[str], None] | None = None,
        cues: SoundCues | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.screen, self._messages, self._frame_desk = screen, messages, frame_desk
        self._cues = cues

    def attach(self, host: ScreenHost) -> None:
        self._host = host
        # A scanner's double fire lands here, and a next visitor may scan at once.
        host.add_screen(
            self.screen, scans=Scans.ON, on_hide=self.screen.stop, on_back=self.screen.finish
        )
        self.screen.done.connect(host.go_start)
        self._messages.message_shown.connect(self._show)

    def reset(self) -> None:
        self.screen.clear()

    def shutdown(self) -> None:
        self.screen.stop()

    def _show(self, message: Message) -> None:
        if message.desk_id is not None and self._frame_desk is not None:
            self._frame_desk(message.desk_id)
        self.screen.present(message)
        if self._cues is not None:
            (self._cues.failure if message.is_problem else self._cues.success).play()
        self._host.show_screen(self.screen)
