"""Encoding stations: work through a batch's units onto NFC tags or RFID labels.

A station is a plain, blocking function; a Qt worker runs it on its own thread::

    control = StationControl()                # pause(), resume(), stop() from any thread
    encoder = registry.open_nfc("usb")        # or registry.open_rfid("/dev/ttyUSB0")
    summary = run_nfc_station(                # or run_rfid_station(job, printer=...)
        StationJob("nfc", batch_id, pack=None, count=None, lock=LockMode.NONE),
        db=db, encoder=encoder, handler=my_handler, control=control, progress=on_progress,
    )

``handler`` implements :class:`~app.encoding.handler.StationHandler` (``present_tag``,
``unit_encoded``, ``unit_failed``, ``status``); calls come from the station's thread and,
for device messages, from the device's bus thread. ``progress(done, total)`` follows each
encoded unit. Running a job again continues with the first unit not encoded.
"""
