// Validates vnmedia outputs with third-party parsers; prints one JSON line per file.
// Usage: node validate.js vtt|srt|feed FILE...
"use strict";
const fs = require("fs");
const kind = process.argv[2];
const files = process.argv.slice(3);

function check(file) {
  const text = fs.readFileSync(file, "utf8");
  if (kind === "vtt") {
    const { WebVTTParser } = require("webvtt-parser");
    const tree = new WebVTTParser().parse(text, "metadata");
    return { errors: tree.errors.map((e) => `line ${e.line}: ${e.message}`), cues: tree.cues.length };
  }
  if (kind === "srt") {
    const srtValidator = require("srt-validator");
    const validate = srtValidator.default || srtValidator;
    return { errors: validate(text).map((e) => `line ${e.lineNumber}: ${e.message}`) };
  }
  if (kind === "feed") {
    const { parseFeed } = require("podcast-partytime");
    const feed = parseFeed(text, { allowMissingGuid: false });
    if (!feed) return { errors: ["not parsed as a podcast feed"] };
    return {
      errors: [],
      title: feed.title,
      items: feed.items.length,
      guid: feed.guid || null,
      transcripts: feed.items.map((i) => (i.podcastTranscripts || []).length),
      chapters: feed.items.map((i) => (i.podcastChapters ? 1 : 0)),
      enclosures: feed.items.map((i) => i.enclosure && i.enclosure.length),
      txt: (feed.podcastTxt || []).map((t) => [t.purpose || null, t.value]),
    };
  }
  throw new Error(`unknown kind ${kind}`);
}

for (const file of files) {
  let result;
  try {
    result = check(file);
  } catch (error) {
    result = { errors: [String(error)] };
  }
  console.log(JSON.stringify({ file, ...result }));
}
