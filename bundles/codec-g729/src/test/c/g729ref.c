/*
 * Test harness around Debian's libbcg729 (GPL), used only as a black-box reference through its
 * public C API: nothing of its source is part of Callpost.
 *
 *   g729ref enc    in.raw out.bits      speech frames, VAD off
 *   g729ref encvad in.raw out.bits      VAD/DTX on: 10, 2 or 0 byte frames
 *   g729ref dec    in.bits out.raw      decode a record stream
 *   g729ref time   in.raw loops         ns per 10 ms frame for encode and decode
 *
 * A record stream is one length byte (0, 2, 10, or 255 for an erased frame) then the payload.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <bcg729/encoder.h>
#include <bcg729/decoder.h>

static int16_t *read_pcm(const char *path, long *frames) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long bytes = ftell(f);
    fseek(f, 0, SEEK_SET);
    *frames = bytes / 160;
    int16_t *pcm = malloc(*frames * 160 + 1);
    if (fread(pcm, 160, *frames, f) != (size_t) *frames) { perror("read"); exit(2); }
    fclose(f);
    return pcm;
}

static void encode(const char *in, const char *out, int vad) {
    long frames;
    int16_t *pcm = read_pcm(in, &frames);
    FILE *o = fopen(out, "wb");
    bcg729EncoderChannelContextStruct *enc = initBcg729EncoderChannel(vad);
    for (long i = 0; i < frames; i++) {
        uint8_t bits[10];
        uint8_t len = 0;
        bcg729Encoder(enc, pcm + i * 80, bits, &len);
        fputc(len, o);
        fwrite(bits, 1, len, o);
    }
    closeBcg729EncoderChannel(enc);
    fclose(o);
    free(pcm);
}

static void decode(const char *in, const char *out) {
    FILE *f = fopen(in, "rb");
    FILE *o = fopen(out, "wb");
    if (!f || !o) { perror("open"); exit(2); }
    bcg729DecoderChannelContextStruct *dec = initBcg729DecoderChannel();
    int len;
    uint8_t bits[10];
    int16_t pcm[80];
    while ((len = fgetc(f)) != EOF) {
        int erased = len == 255;
        int n = erased ? 0 : len;
        if (n > 10 || fread(bits, 1, n, f) != (size_t) n) { fprintf(stderr, "bad record\n"); exit(2); }
        if (erased) memset(bits, 0, sizeof bits);
        bcg729Decoder(dec, bits, (uint8_t) n, (uint8_t) erased, !erased && (n == 2 || n == 0) ? 1 : 0, 0, pcm);
        fwrite(pcm, 2, 80, o);
    }
    closeBcg729DecoderChannel(dec);
    fclose(o);
    fclose(f);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static void timing(const char *in, int loops) {
    long frames;
    int16_t *pcm = read_pcm(in, &frames);
    uint8_t *bits = malloc(frames * 10);
    int16_t out[80];
    double enc_ns = 0, dec_ns = 0, enc_min = 1e30, dec_min = 1e30;
    int counted = 0;
    for (int l = 0; l <= loops; l++) {
        bcg729EncoderChannelContextStruct *enc = initBcg729EncoderChannel(0);
        double t0 = now_ns();
        for (long i = 0; i < frames; i++) {
            uint8_t len;
            bcg729Encoder(enc, pcm + i * 80, bits + i * 10, &len);
        }
        double t1 = now_ns();
        closeBcg729EncoderChannel(enc);
        bcg729DecoderChannelContextStruct *dec = initBcg729DecoderChannel();
        double t2 = now_ns();
        for (long i = 0; i < frames; i++) {
            bcg729Decoder(dec, bits + i * 10, 10, 0, 0, 0, out);
        }
        double t3 = now_ns();
        closeBcg729DecoderChannel(dec);
        if (l == 0) continue; /* the first pass warms caches */
        enc_ns += t1 - t0;
        dec_ns += t3 - t2;
        if (t1 - t0 < enc_min) enc_min = t1 - t0;
        if (t3 - t2 < dec_min) dec_min = t3 - t2;
        counted++;
    }
    printf("bcg729 encode_ns_per_frame=%.0f decode_ns_per_frame=%.0f min_encode_ns_per_frame=%.0f min_decode_ns_per_frame=%.0f frames=%ld loops=%d\n",
           enc_ns / counted / frames, dec_ns / counted / frames, enc_min / frames, dec_min / frames, frames, counted);
    free(bits);
    free(pcm);
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: g729ref enc|encvad|dec|time in out|loops\n"); return 2; }
    if (!strcmp(argv[1], "enc")) encode(argv[2], argv[3], 0);
    else if (!strcmp(argv[1], "encvad")) encode(argv[2], argv[3], 1);
    else if (!strcmp(argv[1], "dec")) decode(argv[2], argv[3]);
    else if (!strcmp(argv[1], "time")) timing(argv[2], atoi(argv[3]));
    else { fprintf(stderr, "unknown mode %s\n", argv[1]); return 2; }
    return 0;
}
