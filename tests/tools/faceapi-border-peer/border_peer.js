#!/usr/bin/env node
// face-api.js (@vladmandic/face-api 1.7.15, tfjs WASM backend) on crops of face-api's six demo photos in which every
// face touches or crosses the image border: the reference that BorderParityTests compares `--compat faceapi` with.
//
// Usage (after `npm ci` in this folder):
//   node border_peer.js --decoded DIR --out FILE.json
// DIR holds sample1.png .. sample6.png, the demo JPEGs as jpeg-js decodes them (lossless PNGs, so that both sides see
// the same pixels). For each face face-api finds in a full photo, five crops are made: four that cut 20% of the face
// off at one side (left, top, right, bottom) with one face size of context on the other sides, and one that is the
// detection box itself (a tight portrait crossing all four edges). Each crop runs through
// detectAllFaces(SSD, minConfidence 0.5).withFaceLandmarks().withFaceDescriptors(); the output lists every crop's
// rectangle in its source photo and every face found: score, box, the aligned descriptor box, the descriptor.
'use strict';
const fs = require('fs');
const path = require('path');
const { PNG } = require('pngjs');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');

const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : def; };
const DECODED = opt('decoded', null);
const OUT = opt('out', 'faceapi-border-reference.json');
if (!DECODED) { console.error('usage: node border_peer.js --decoded DIR --out FILE.json'); process.exit(2); }

const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

function readPng(file) {
  const png = PNG.sync.read(fs.readFileSync(file));
  const { width, height, data } = png;
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) { rgb[i * 3] = data[j]; rgb[i * 3 + 1] = data[j + 1]; rgb[i * 3 + 2] = data[j + 2]; }
  return { rgb, width, height };
}

function crop(image, [x, y, w, h]) {
  const out = new Int32Array(w * h * 3);
  for (let r = 0; r < h; r++) {
    const from = ((y + r) * image.width + x) * 3;
    out.set(image.rgb.subarray(from, from + w * 3), r * w * 3);
  }
  return tf.tensor3d(out, [h, w, 3], 'int32');
}

// Integer rectangles inside the photo: [x, y, width, height].
function rect(x0, y0, x1, y1, width, height) {
  const a = Math.max(0, Math.floor(x0)), b = Math.max(0, Math.floor(y0));
  const c = Math.min(width, Math.ceil(x1)), d = Math.min(height, Math.ceil(y1));
  return [a, b, c - a, d - b];
}

function cropsOf(box, width, height) {
  const { x, y, width: w, height: h } = box;
  const cut = 0.2;
  const sides = [
    ['left', rect(x + cut * w, y - h, x + 2 * w, y + 2 * h, width, height)],
    ['top', rect(x - w, y + cut * h, x + 2 * w, y + 2 * h, width, height)],
    ['right', rect(x - w, y - h, x + (1 - cut) * w, y + 2 * h, width, height)],
    ['bottom', rect(x - w, y - h, x + 2 * w, y + (1 - cut) * h, width, height)],
  ];
  return [...sides, ['tight', rect(x, y, x + w, y + h, width, height)]];
}

async function main() {
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep);
  await tf.setBackend('wasm');
  await tf.ready();
  const models = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });
  const faces = async (tensor) => (await faceapi.detectAllFaces(tensor, options).withFaceLandmarks().withFaceDescriptors())
    .map((r) => {
      const aligned = r.landmarks.align(null, { useDlibAlignment: true });
      return {
        score: round(r.detection.score, 6),
        box: [r.detection.box.x, r.detection.box.y, r.detection.box.width, r.detection.box.height].map((v) => round(v, 4)),
        descriptor_box: [aligned.x, aligned.y, aligned.width, aligned.height].map((v) => round(v, 4)),
        descriptor: Array.from(r.descriptor, (v) => round(v, 7)),
      };
    });

  const crops = [];
  for (let n = 1; n <= 6; n++) {
    const source = `sample${n}.png`;
    const image = readPng(path.join(DECODED, source));
    const full = tf.tensor3d(image.rgb, [image.height, image.width, 3], 'int32');
    const found = await faces(full);
    full.dispose();
    for (let i = 0; i < found.length; i++) {
      const [x, y, w, h] = found[i].box;
      for (const [side, r] of cropsOf({ x, y, width: w, height: h }, image.width, image.height)) {
        const tensor = crop(image, r);
        crops.push({ source, face: i, side, rect: r, faces: await faces(tensor) });
        tensor.dispose();
      }
    }
    console.error(`${source}: ${found.length} faces, ${crops.length} crops so far`);
  }

  const info = { faceapi: faceapi.version, tfjs: tf.version_core, backend: tf.getBackend(), node: process.version };
  fs.writeFileSync(OUT, JSON.stringify({ info, crops }, null, 1) + '\n');
  console.error(`${crops.length} crops, ${crops.reduce((s, c) => s + c.faces.length, 0)} faces -> ${OUT}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
