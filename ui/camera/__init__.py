"""The tablet's camera as a way to read QR passes.

``source`` chooses and runs the camera (or, in tests, a frame feeder behind the same interface),
``decoder`` reads QR codes from its frames on a worker thread, ``preview`` shows the live picture
on the scan screen, ``sound`` plays the short tone when a code is read. From the ``QVideoSink``
on, the path is the same for a real camera and for fed frames.
"""

from PySide6.QtCore import QLoggingCategory

# Qt Multimedia probes optional libraries (PipeWire, VA-API) while it loads and warns about each
# one the machine lacks. They are optional, so the rule goes in before any submodule imports
# QtMultimedia: a kiosk's log (and a UI test, where Qt warnings fail) stays clean.
QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")
