"""Where camera frames come from: choosing the camera, starting and stopping it, noticing when
it goes away or comes back.

``FrameSource`` is the interface the scan screen uses: ``attach`` a ``QVideoSink``, ``start``
when the scan screen opens, ``stop`` when it closes, and ``state_changed`` says whether a
picture is coming. ``CameraSource`` is the real one (``QCamera`` → ``QMediaCaptureSession`` →
the sink). Tests substitute a feeder that sets ``QVideoFrame``s on the same sink.

Qt Multimedia is imported, and its backend loaded, only when a camera is first started: the
kiosk paints its start screen without it (issue 13).

A missing camera, one unplugged while in use, a camera error or a refused permission all end in
``CameraState.UNAVAILABLE`` (logged at INFO: a kiosk without a camera is a normal kiosk). While
the scan screen is open, a camera plugged in later is picked up (``videoInputsChanged``).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCameraPermission, QCoreApplication, QObject, Qt, Signal

if TYPE_CHECKING:
    from PySide6.QtMultimedia import (
        QCamera,
        QCameraDevice,
        QMediaCaptureSession,
        QMediaDevices,
        QVideoSink,
    )

log = logging.getLogger(__name__)


class CameraState(enum.Enum):
    OFF = "off"  # not wanted (the scan screen is closed)
    STARTING = "starting"  # asked to start, no picture yet
    RUNNING = "running"  # frames are arriving
    UNAVAILABLE = "unavailable"  # wanted, but there is no camera, it failed or is not allowed


class FrameSource(QObject):
    """Something that delivers video frames into a ``QVideoSink`` while it is started."""

    state_changed = Signal(object)
    """The ``CameraState`` changed (emitted in the GUI thread)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = CameraState.OFF

    @property
    def state(self) -> CameraState:
        return self._state

    def attach(self, sink: QVideoSink) -> None:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def _set_state(self, state: CameraState) -> None:
        if state is not self._state:
            self._state = state
            log.info("camera: %s", state.value)
            self.state_changed.emit(state)


def device_id(device: QCameraDevice) -> str:
    raw = device.id()
    return bytes(raw.data()).decode("utf-8", "replace")


def choose_device(devices: Sequence[QCameraDevice], preference: str) -> QCameraDevice | None:
    """The camera the ``camera`` setting names: an exact device id, else the first camera whose
    description contains it (ignoring case); with no setting, the system default or the first.
    ``None`` when no camera fits: a configured camera that is missing is not replaced by another
    one (it might face the wrong way)."""
    if not devices:
        return None
    wanted = preference.strip()
    if not wanted:
        from PySide6.QtMultimedia import QMediaDevices

        default = QMediaDevices.defaultVideoInput()
        for device in devices:
            if not default.isNull() and device == default:
                return device
        return devices[0]
    for device in devices:
        if device_id(device) == wanted:
            return device
    for device in devices:
        if wanted.casefold() in device.description().casefold():
            return device
    return None


class CameraSource(FrameSource):
    """The real camera, chosen by ``preference`` (the ``camera`` setting)."""

    def __init__(self, preference: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._preference = preference
        # Made when the camera is first started (loading Qt Multimedia's backend takes a while).
        self._sink: QVideoSink | None = None
        self._session: QMediaCaptureSession | None = None
        self._devices: QMediaDevices | None = None
        self._camera: QCamera | None = None
        self._wanted = False

    def attach(self, sink: QVideoSink) -> None:
        self._sink = sink
        if self._session is not None:
            self._session.setVideoSink(sink)

    def start(self) -> None:
        self._wanted = True
        if self._session is None:
            from PySide6.QtMultimedia import QMediaCaptureSession, QMediaDevices

            self._session = QMediaCaptureSession(self)
            if self._sink is not None:
                self._session.setVideoSink(self._sink)
            self._devices = QMediaDevices(self)
            self._devices.videoInputsChanged.connect(self._inputs_changed)
        if self._camera is None:
            self._open()

    def stop(self) -> None:
        self._wanted = False
        self._close()
        self._set_state(CameraState.OFF)

    # Internals ----------------------------------------------------------------------------
    def _open(self) -> None:
        if not self._permitted():
            return
        from PySide6.QtMultimedia import QCamera, QMediaDevices

        devices = QMediaDevices.videoInputs()
        device = choose_device(devices, self._preference)
        if device is None:
            if devices:
                log.info(
                    "camera: no camera matches the setting %r (there are: %s)",
                    self._preference,
                    ", ".join(d.description() for d in devices),
                )
            else:
                log.info("camera: this machine has no camera")
            self._set_state(CameraState.UNAVAILABLE)
            return
        camera = QCamera(device, self)
        camera.errorOccurred.connect(self._failed)
        camera.activeChanged.connect(self._active_changed)
        self._camera = camera
        assert self._session is not None  # made by start(), the only way here
        self._session.setCamera(camera)
        self._set_state(CameraState.STARTING)
        log.info("camera: starting %s", device.description())
        camera.start()

    def _close(self) -> None:
        camera, self._camera = self._camera, None
        if camera is None:
            return
        camera.errorOccurred.disconnect(self._failed)
        camera.activeChanged.disconnect(self._active_changed)
        camera.stop()
        assert self._session is not None  # a camera was opened: start() made it
        self._session.setCamera(None)  # type: ignore[arg-type]  # Qt takes nullptr; the stub not
        camera.deleteLater()

    def _permitted(self) -> bool:
        app = QCoreApplication.instance()
        if app is None:
            return True
        permission = QCameraPermission()
        status = app.checkPermission(permission)
        if status == Qt.PermissionStatus.Granted:
            return True
        if status == Qt.PermissionStatus.Undetermined:
            log.info("camera: asking for permission to use the camera")
            app.requestPermission(permission, self, self._permission_answered)
        else:
            log.info("camera: the system does not allow this program to use the camera")
        self._set_state(CameraState.UNAVAILABLE)
        return False

    def _permission_answered(self, permission: QCameraPermission) -> None:
        app = QCoreApplication.instance()
        if app is not None and app.checkPermission(permission) == Qt.PermissionStatus.Granted:
            if self._wanted and self._camera is None:
                self._open()
        else:
            log.info("camera: permission to use the camera was refused")

    def _active_changed(self, active: bool) -> None:
        if active and self._camera is not None:
            self._set_state(CameraState.RUNNING)

    def _failed(self, error: QCamera.Error, text: str) -> None:
        log.info("camera: error %s: %s", error.name, text)
        self._close()
        if self._wanted:
            self._set_state(CameraState.UNAVAILABLE)

    def _inputs_changed(self) -> None:
        if not self._wanted:
            return
        from PySide6.QtMultimedia import QMediaDevices

        devices = QMediaDevices.videoInputs()
        camera = self._camera
        if camera is not None and camera.cameraDevice() not in devices:
            log.info("camera: %s was disconnected", camera.cameraDevice().description())
            self._close()
            self._set_state(CameraState.UNAVAILABLE)
        if self._camera is None:
            self._open()  # a camera was plugged in (or another one is left)
