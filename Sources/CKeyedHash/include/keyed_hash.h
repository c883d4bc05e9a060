// HMAC-SHA256 (RFC 2104, FIPS 180-4) under one key, for hashing many short values: the key's
// inner and outer blocks are compressed once, when the key is prepared, so a value costs two
// SHA-256 compressions when it is shorter than 56 bytes. On x86-64 CPUs with the SHA extensions
// the compressions use them; elsewhere a portable implementation gives the same bytes.
#ifndef TESSERA_KEYED_HASH_H
#define TESSERA_KEYED_HASH_H

#include <stddef.h>
#include <stdint.h>

// The SHA-256 states after the key's inner (key XOR 0x36…) and outer (key XOR 0x5c…) blocks.
// A plain value: copy it freely and share it between threads, it is never written after
// tessera_keyed_hash_prepare.
typedef struct {
    uint32_t inner[8];
    uint32_t outer[8];
    // Whether the compressions use the CPU's SHA extensions (1) or the portable code (0).
    int uses_cpu_extensions;
} tessera_keyed_hash;

// Prepares `hash` for `key` (any length; a key longer than 64 bytes is hashed first, as RFC 2104
// says). `allow_cpu_extensions` 0 forces the portable code (tests compare the two).
void tessera_keyed_hash_prepare(tessera_keyed_hash *hash, const uint8_t *key, size_t key_length,
                                int allow_cpu_extensions);

// The 32-byte HMAC-SHA256 of `message` under the prepared key, written to `code`.
void tessera_keyed_hash_compute(const tessera_keyed_hash *hash, const uint8_t *message, size_t length,
                                uint8_t code[32]);

// The code's first 16 bytes (128 bits: HMAC truncated as RFC 2104 section 5 allows) as 32
// lowercase hexadecimal digits, written to `hex` (no terminating zero): the `hash` mask's pseudonym.
void tessera_keyed_hash_hex(const tessera_keyed_hash *hash, const uint8_t *message, size_t length, char hex[32]);

// The pseudonyms of `count` messages, 32 digits each, one after another in `hex` (32 × count
// bytes): a vector of values in one call.
void tessera_keyed_hash_hex_many(const tessera_keyed_hash *hash, const uint8_t *const messages[],
                                 const size_t lengths[], size_t count, char *hex);

#endif
