from __future__ import annotations

import zlib

from wirelint_builtins.lexical._foreign import TABLE


def _shard_words(i: int) -> list[str]:
    return [line.split("\t")[0] for line in TABLE._stream(TABLE._shard_names[i]).split("\n")]


def test_every_shard_is_sorted_and_starts_with_its_index_word():
    TABLE.english_words()  # loads the index
    assert TABLE._firsts == sorted(TABLE._firsts)
    for i in (0, len(TABLE._firsts) // 2, len(TABLE._firsts) - 1):
        words = _shard_words(i)
        assert words[0] == TABLE._firsts[i]
        assert words == sorted(words)


def test_lookup_finds_the_first_and_last_word_of_every_shard():
    TABLE.english_words()
    for i in range(len(TABLE._firsts)):
        words = _shard_words(i)
        assert TABLE._lookup(words[0]) is not None
        assert TABLE._lookup(words[-1]) is not None


def test_lookup_misses_words_between_and_around_the_shards():
    TABLE.english_words()
    first = TABLE._firsts[0]
    assert TABLE._lookup(first[:-1] if len(first) > 1 else "") is None  # before the first
    assert TABLE._lookup("\u00ff" * 8) is None  # after the last
    for i in range(1, len(TABLE._firsts), 50):
        last_of_previous = _shard_words(i - 1)[-1]
        probe = last_of_previous + "\u00fe"  # sorts between two shards
        if probe < TABLE._firsts[i]:
            assert TABLE._lookup(probe) is None


def test_streams_are_plain_zlib():
    TABLE.english_words()
    offset, size = TABLE._index["e"]
    assert zlib.decompress(TABLE._data[offset:offset + size])
