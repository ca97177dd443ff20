"""The example notebook (examples/lifecycle.ipynb) runs from start to end against pygeoapi, and shows HTML.

It is executed with nbclient by a kernel of this test run's interpreter (``sys.executable``, through a
kernelspec in a temporary Jupyter data folder), which imports the package this run imports. The server's address
reaches the notebook through the kernel's environment (``OGC_PROCESSES_HOST``). Jupyter's and IPython's
folders are temporary too: the run reads and writes nothing in the home folder.
"""

from __future__ import annotations

import json
import pathlib
import sys
import time
from typing import Any, Dict, List

import pytest

import unity_sps_ogc_processes_api_python_client as package

NOTEBOOK = pathlib.Path(__file__).resolve().parent.parent / "examples" / "lifecycle.ipynb"
CELL_TIMEOUT = 60  # seconds, for each cell (the job itself takes about half a second)
KERNEL_NAME = "ogc-processes-test"


def html_outputs(cell: Any) -> List[str]:
    """The text/html of a cell's outputs (its result and what it displayed)."""
    return [
        "".join(output["data"]["text/html"])
        for output in cell.get("outputs", [])
        if output.get("output_type") in ("execute_result", "display_data", "update_display_data")
        and "text/html" in output.get("data", {})
    ]


def cell_with(cells: List[Any], source: str) -> Any:
    """The one code cell whose source contains ``source``."""
    found = [cell for cell in cells if cell.cell_type == "code" and source in cell.source]
    assert len(found) == 1, f"{len(found)} cells contain {source!r}"
    return found[0]


def bare_job_cell(cells: List[Any]) -> Any:
    """The cell that shows the job once more (its source is just ``job``)."""
    found = [cell for cell in cells if cell.cell_type == "code" and cell.source.strip() == "job"]
    assert len(found) == 1
    return found[0]


def test_the_notebook_is_kept_without_outputs() -> None:
    document = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in document["cells"] if cell["cell_type"] == "code"]
    assert code, "the notebook has no code cell"
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None, "outputs must be cleared"
    assert "OGC_PROCESSES_HOST" in "".join("".join(cell["source"]) for cell in code)


@pytest.fixture
def jupyter_dirs(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """Jupyter's and IPython's folders in a temporary folder (nothing is read from or written to HOME)."""
    for variable, folder in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                             ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):  # fmt: skip
        (tmp_path / folder).mkdir()
        monkeypatch.setenv(variable, str(tmp_path / folder))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # the folders above, without the notice about the old ones
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    return tmp_path


def install_kernelspec(data_dir: pathlib.Path, env: Dict[str, str]) -> None:
    """A kernelspec of this interpreter (named :data:`KERNEL_NAME`) in the Jupyter data folder ``data_dir``."""
    spec = data_dir / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    document = {"argv": argv, "display_name": "Python (test run)", "language": "python", "env": env}
    (spec / "kernel.json").write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.pygeoapi
@pytest.mark.timeout(240)
def test_the_example_notebook_runs_and_shows_html(pygeoapi_url: str, jupyter_dirs: pathlib.Path) -> None:
    import nbformat
    from nbclient import NotebookClient

    source_root = str(pathlib.Path(package.__file__).resolve().parent.parent)  # the package this run imports
    env = {"OGC_PROCESSES_HOST": pygeoapi_url, "PYTHONPATH": source_root, "NO_PROXY": "127.0.0.1,localhost"}
    install_kernelspec(jupyter_dirs / "data", env)
    notebook = nbformat.read(str(NOTEBOOK), as_version=4)
    client = NotebookClient(notebook, kernel_name=KERNEL_NAME, timeout=CELL_TIMEOUT, startup_timeout=60,
                            resources={"metadata": {"path": str(jupyter_dirs)}})  # fmt: skip
    started = time.monotonic()
    client.execute()  # starts the kernel, runs every cell (raising if one raised), shuts the kernel down
    took = time.monotonic() - started
    assert took < 200, f"the notebook took {took:.1f} s"

    cells = notebook.cells
    for cell in cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None, f"not run: {cell.source!r}"
            errors = [output for output in cell.outputs if output.output_type == "error"]
            assert not errors, f"{cell.source!r} raised: {errors}"

    processes = html_outputs(cell_with(cells, "client.processes()"))
    assert any('class="ogc-processes"' in html and "<table" in html and "echo" in html for html in processes)

    description = "".join(html_outputs(cell_with(cells, 'client.process("echo")')))
    assert 'class="ogc-process"' in description and description.count("<table") == 2
    assert "echoInput" in description and "pause" in description and "Inputs" in description

    submitted = "".join(html_outputs(cell_with(cells, "client.execute(")))
    assert 'class="ogc-status"' in submitted and "<progress" in submitted

    waited = html_outputs(cell_with(cells, "job.wait("))
    assert any("<progress" in html for html in waited[:-1]), "no progress bar was displayed while waiting"
    assert 'class="ogc-status"' in waited[-1] and "successful" in waited[-1] and 'value="100"' in waited[-1]

    shown_job = "".join(html_outputs(bare_job_cell(cells)))
    assert 'class="ogc-status"' in shown_job and "successful" in shown_job

    results = "".join(html_outputs(cell_with(cells, "job.results()")))
    assert 'class="ogc-results"' in results and "Hello" in results and "<table" in results

    jobs = "".join(html_outputs(cell_with(cells, "client.jobs(")))
    assert 'class="ogc-jobs"' in jobs and "<table" in jobs and "echo" in jobs

    dismissed = "".join(html_outputs(cell_with(cells, "job.dismiss()")))
    assert 'class="ogc-status"' in dismissed and "dismissed" in dismissed
