from pathlib import Path

import reflex_base

from tob_app.socket_warmup import warm_socket_in_own_task

# The file Reflex copies into .web/ when it builds the app.
REFLEX_STATE_JS = Path(reflex_base.__file__).parent / ".templates" / "web" / "utils" / "state.js"


def test_reflexs_socket_warm_up_is_queued_as_a_task_of_its_own():
    source = REFLEX_STATE_JS.read_text()
    out = warm_socket_in_own_task(source)
    assert out != source
    warm_up = out[out.index("let warmSocket") : out.index("warmSocket = createSocket(")]
    assert "setTimeout(() => {" in warm_up
    assert "queueMicrotask" not in warm_up
    # Only that call changed.
    assert out.replace("setTimeout(() => {\n    if (\n      socketStarted", "") == source.replace(
        "queueMicrotask(() => {\n    if (\n      socketStarted", ""
    )


def test_a_state_js_built_before_is_left_as_it_is():
    once = warm_socket_in_own_task(REFLEX_STATE_JS.read_text())
    assert warm_socket_in_own_task(once) == once


def test_an_unknown_state_js_is_left_as_it_is():
    other = "export const connect = async () => {};\n"
    assert warm_socket_in_own_task(other) == other
