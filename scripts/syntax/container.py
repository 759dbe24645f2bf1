"""Write sitrep's syntax model container (read by crates/sitrep-syntax/src/container.rs).

Layout, little endian: b"SRSYNTX1", u32 section count, then per section a u16 name length,
the UTF-8 name, a u64 data length and the data. Helpers below pack the values that the
section readers (`container::Reader`) expect.
"""
import struct


def write_container(path, sections):
    """sections: list of (name, bytes), written in the given order."""
    names = [name for name, _ in sections]
    if len(set(names)) != len(names):
        raise ValueError(f"repeated section name in {names}")
    with open(path, "wb") as out:
        out.write(b"SRSYNTX1")
        out.write(struct.pack("<I", len(sections)))
        for name, data in sections:
            raw = name.encode("utf-8")
            out.write(struct.pack("<H", len(raw)))
            out.write(raw)
            out.write(struct.pack("<Q", len(data)))
            out.write(data)


def u8(v):
    return struct.pack("<B", v)


def u16(v):
    return struct.pack("<H", v)


def u32(v):
    return struct.pack("<I", v)


def u64(v):
    return struct.pack("<Q", v)


def f32(v):
    return struct.pack("<f", v)


def string(s):
    """u32 byte length, then the UTF-8 bytes (container::Reader::string)."""
    raw = s.encode("utf-8")
    return u32(len(raw)) + raw


def f32_array(values):
    """Little-endian f32 values; pass a numpy array (any shape, C order) or a list."""
    try:
        import numpy
        return numpy.ascontiguousarray(values, dtype="<f4").tobytes()
    except ImportError:
        return b"".join(f32(v) for v in values)
