// HMAC-SHA256 with the key's blocks compressed once; see include/keyed_hash.h.
//
// Why C: the hash mask computes one HMAC per value of a column, millions per query. Through
// swift-crypto each value paid for copying the keyed state (two heap objects) and generic
// dispatch, about ten times the two compressions themselves; the CPU's SHA instructions are only
// reachable from C.

#include "keyed_hash.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define KEYED_HASH_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

// FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64
// primes.
static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// FIPS 180-4, 5.3.3: the initial hash value.
static const uint32_t initial_state[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t rotate_right(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static inline uint32_t load_big_endian(const uint8_t *bytes) {
    return ((uint32_t)bytes[0] << 24) | ((uint32_t)bytes[1] << 16) | ((uint32_t)bytes[2] << 8) | bytes[3];
}

static inline void store_big_endian(uint8_t *bytes, uint32_t value) {
    bytes[0] = (uint8_t)(value >> 24);
    bytes[1] = (uint8_t)(value >> 16);
    bytes[2] = (uint8_t)(value >> 8);
    bytes[3] = (uint8_t)value;
}

// FIPS 180-4, 6.2.2, for each of `blocks` 64-byte blocks.
static void compress_portable(uint32_t state[8], const uint8_t *data, size_t blocks) {
    for (; blocks > 0; blocks--, data += 64) {
        uint32_t w[64];
        for (int t = 0; t < 16; t++) w[t] = load_big_endian(data + 4 * t);
        for (int t = 16; t < 64; t++) {
            uint32_t s0 = rotate_right(w[t - 15], 7) ^ rotate_right(w[t - 15], 18) ^ (w[t - 15] >> 3);
            uint32_t s1 = rotate_right(w[t - 2], 17) ^ rotate_right(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; t++) {
            uint32_t t1 = h + (rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25)) + ((e & f) ^ (~e & g))
                          + round_constants[t] + w[t];
            uint32_t t2 = (rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a, state[1] += b, state[2] += c, state[3] += d;
        state[4] += e, state[5] += f, state[6] += g, state[7] += h;
    }
}

#ifdef KEYED_HASH_X86
// The same with the SHA extensions. They keep the state in two registers, one holding the words
// A, B, E, F and the other C, D, G, H (highest lane first); each sha256rnds2 does two rounds.
#define SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

SHA_TARGET static inline void load_state(const uint32_t state[8], __m128i *abef, __m128i *cdgh) {
    __m128i dcba = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);
    __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);
    *abef = _mm_alignr_epi8(dcba, efgh, 8);
    *cdgh = _mm_blend_epi16(efgh, dcba, 0xF0);
}

SHA_TARGET static inline void store_state(uint32_t state[8], __m128i abef, __m128i cdgh) {
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

// The 64 rounds of one block, without the final addition of the state before it.
SHA_TARGET static inline void rounds(__m128i *abef, __m128i *cdgh, const uint8_t *data) {
    // Reverses the bytes of each 32-bit lane: the message words are big-endian.
    const __m128i byte_order = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // The message schedule, four words at a time: w[g % 4] holds W[4g … 4g+3].
    __m128i w[4];
    for (int g = 0; g < 4; g++) w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * g)), byte_order);
#pragma clang loop unroll(full)
    for (int g = 0; g < 16; g++) {
        if (g >= 4) {
            // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] for the next four t.
            __m128i partial = _mm_sha256msg1_epu32(w[g % 4], w[(g + 1) % 4]);
            partial = _mm_add_epi32(partial, _mm_alignr_epi8(w[(g + 3) % 4], w[(g + 2) % 4], 4));
            w[g % 4] = _mm_sha256msg2_epu32(partial, w[(g + 3) % 4]);
        }
        __m128i scheduled = _mm_add_epi32(w[g % 4], _mm_loadu_si128((const __m128i *)&round_constants[4 * g]));
        *cdgh = _mm_sha256rnds2_epu32(*cdgh, *abef, scheduled);
        *abef = _mm_sha256rnds2_epu32(*abef, *cdgh, _mm_shuffle_epi32(scheduled, 0x0E));
    }
}

SHA_TARGET static void compress_sha_extensions(uint32_t state[8], const uint8_t *data, size_t blocks) {
    __m128i abef, cdgh;
    load_state(state, &abef, &cdgh);
    for (; blocks > 0; blocks--, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        rounds(&abef, &cdgh, data);
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }
    store_state(state, abef, cdgh);
}

static int cpu_has_sha_extensions(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return ssse3 && sse41 && ((ebx >> 29) & 1);
}
#endif

static void compress(const tessera_keyed_hash *hash, uint32_t state[8], const uint8_t *data, size_t blocks) {
#ifdef KEYED_HASH_X86
    if (hash->uses_cpu_extensions) {
        compress_sha_extensions(state, data, blocks);
        return;
    }
#endif
    (void)hash;
    compress_portable(state, data, blocks);
}

// Hashes `message` onward from `state`, which has already taken `before` bytes (whole blocks),
// and writes the digest: the padding of FIPS 180-4, 5.1.1 (a one bit, zeros, the length in bits).
static void finish(const tessera_keyed_hash *hash, uint32_t state[8], uint64_t before, const uint8_t *message,
                   size_t length, uint8_t digest[32]) {
    size_t whole = length / 64;
    compress(hash, state, message, whole);
    uint8_t tail[128] = {0};
    size_t rest = length - 64 * whole;
    memcpy(tail, message + 64 * whole, rest);
    tail[rest] = 0x80;
    size_t tail_blocks = rest + 9 > 64 ? 2 : 1;
    uint64_t bits = (before + length) * 8;
    for (int i = 0; i < 8; i++) tail[64 * tail_blocks - 1 - i] = (uint8_t)(bits >> (8 * i));
    compress(hash, state, tail, tail_blocks);
    for (int i = 0; i < 8; i++) store_big_endian(digest + 4 * i, state[i]);
}

void tessera_keyed_hash_prepare(tessera_keyed_hash *hash, const uint8_t *key, size_t key_length,
                                int allow_cpu_extensions) {
    hash->uses_cpu_extensions = 0;
#ifdef KEYED_HASH_X86
    hash->uses_cpu_extensions = allow_cpu_extensions && cpu_has_sha_extensions();
#else
    (void)allow_cpu_extensions;
#endif
    uint8_t block[64] = {0};
    if (key_length > 64) {
        uint32_t state[8];
        memcpy(state, initial_state, sizeof state);
        finish(hash, state, 0, key, key_length, block);
    } else {
        memcpy(block, key, key_length);
    }
    uint8_t pad[64];
    for (int i = 0; i < 64; i++) pad[i] = block[i] ^ 0x36;
    memcpy(hash->inner, initial_state, sizeof initial_state);
    compress(hash, hash->inner, pad, 1);
    for (int i = 0; i < 64; i++) pad[i] = block[i] ^ 0x5c;
    memcpy(hash->outer, initial_state, sizeof initial_state);
    compress(hash, hash->outer, pad, 1);
}

void tessera_keyed_hash_compute(const tessera_keyed_hash *hash, const uint8_t *message, size_t length,
                                uint8_t code[32]) {
    uint32_t state[8];
    uint8_t inner_digest[32];
    memcpy(state, hash->inner, sizeof state);
    finish(hash, state, 64, message, length, inner_digest);
    memcpy(state, hash->outer, sizeof state);
    finish(hash, state, 64, inner_digest, 32, code);
}

// The two digits of every byte, so that each byte is one two-byte copy.
static const char hex_pairs[513] =
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f"
        "303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
        "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f"
        "909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
        "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
        "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

// The pseudonym of a message of at most 55 bytes, the common case, in exactly two compressions:
// each hash's last block is built once, in place, and the inner digest goes into the outer
// block without a copy in between.
static void short_message_hex(const tessera_keyed_hash *hash, const uint8_t *message, size_t length, char hex[32]) {
    uint8_t block[64];
    uint32_t state[8];
    memcpy(block, message, length);
    block[length] = 0x80;
    memset(block + length + 1, 0, 55 - length);
    uint64_t bits = (64 + (uint64_t)length) * 8;
    for (int i = 0; i < 8; i++) block[63 - i] = (uint8_t)(bits >> (8 * i));
    memcpy(state, hash->inner, sizeof state);
    compress(hash, state, block, 1);
    // The outer block: the 32-byte inner digest, the padding, and 96 bytes (768 bits) in all.
    for (int i = 0; i < 8; i++) store_big_endian(block + 4 * i, state[i]);
    block[32] = 0x80;
    memset(block + 33, 0, 29);
    block[62] = 0x03;
    block[63] = 0x00;
    memcpy(state, hash->outer, sizeof state);
    compress(hash, state, block, 1);
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) memcpy(hex + 8 * i + 2 * j, hex_pairs + 2 * ((state[i] >> (24 - 8 * j)) & 0xff), 2);
    }
}

void tessera_keyed_hash_hex(const tessera_keyed_hash *hash, const uint8_t *message, size_t length, char hex[32]) {
    if (length <= 55) {
        short_message_hex(hash, message, length, hex);
        return;
    }
    uint8_t code[32];
    tessera_keyed_hash_compute(hash, message, length, code);
    for (int i = 0; i < 16; i++) memcpy(hex + 2 * i, hex_pairs + 2 * code[i], 2);
}

void tessera_keyed_hash_hex_many(const tessera_keyed_hash *hash, const uint8_t *const messages[],
                                 const size_t lengths[], size_t count, char *hex) {
    for (size_t i = 0; i < count; i++) tessera_keyed_hash_hex(hash, messages[i], lengths[i], hex + 32 * i);
}
