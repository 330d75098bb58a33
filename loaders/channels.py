"""The channel registry, and detection of a file's channel by its name or its first record."""

from pathlib import Path

from loaders.base import HEAD_BYTES, ChannelLoader, detect_encoding
from loaders.department import DepartmentLoader
from loaders.grid import GridLoader
from loaders.hotline12345 import HotlineLoader
from loaders.model import CHANNELS, Channel
from loaders.police110 import PoliceLoader
from loaders.qrcode import QrCodeLoader

CHANNEL_LOADERS: dict[Channel, ChannelLoader] = {
    loader.name: loader
    for loader in (HotlineLoader(), PoliceLoader(), GridLoader(), QrCodeLoader(), DepartmentLoader())
}


def get_loader(name: str) -> ChannelLoader:
    """The loader of a channel by name; ValueError listing the channels when unknown."""
    loader = CHANNEL_LOADERS.get(name)
    if loader is None:
        raise ValueError(f"unknown channel {name!r}; the channels are {', '.join(CHANNELS)}")
    return loader


def _describe(loaders: list[ChannelLoader]) -> str:
    """`police110 (police110*.jsonl)` … for messages."""
    return ", ".join(f"{loader.name} ({' '.join(loader.file_patterns)})" for loader in loaders)


def _read_head(path: Path) -> str:
    """The first bytes of a file, decoded in its detected encoding."""
    with path.open("rb") as stream:
        head = stream.read(HEAD_BYTES)
    return head.decode(detect_encoding(head), "replace")


def detect_channel(path: Path) -> Channel:
    """A file's channel: by its name first, else by the header or keys of its first record."""
    loaders = list(CHANNEL_LOADERS.values())
    by_name = [loader for loader in loaders if loader.matches_name(path)]
    if len(by_name) == 1:
        return by_name[0].name
    head = _read_head(path)
    by_content = [loader for loader in by_name or loaders if loader.looks_like(path, head)]
    if len(by_content) == 1:
        return by_content[0].name
    if by_content:
        raise ValueError(f"{path.name}: ambiguous, it looks like {_describe(by_content)}; name the channel")
    raise ValueError(
        f"{path.name}: unknown channel: neither its name nor its first record matches a channel; "
        f"name the channel, one of {_describe(loaders)}"
    )
