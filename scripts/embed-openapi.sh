#!/usr/bin/env bash
# Writes Sources/TesseraServer/OpenAPIDocument.swift from docs/api/openapi.json, the API's
# description kept in the repository: the server then serves exactly that document at
# /api/v1/openapi.json, with no resource files beside the binary. Run it after editing the JSON
# (`make openapi`); a test fails while the two differ.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
json="$root/docs/api/openapi.json"
swift="$root/Sources/TesseraServer/OpenAPIDocument.swift"
python3 - "$json" "$swift" <<'PY'
import json, sys
source, target = sys.argv[1], sys.argv[2]
text = open(source, encoding="utf-8").read()
json.loads(text)  # refuse to embed a document that is not JSON
if '"##' in text:
    sys.exit("embed-openapi: the document contains '\"##', which would end the Swift raw string")
# Indented as `make format` lays it out; Swift removes the closing delimiter's indentation.
indented = "".join(("        " + line if line.strip() else line) + "\n" for line in text.rstrip("\n").split("\n"))
swift = (
    "// Generated from docs/api/openapi.json by scripts/embed-openapi.sh (`make openapi`); do not edit.\n"
    "import Hummingbird\n\n"
    "/// The API's OpenAPI 3.1 description, served at `/api/v1/openapi.json`.\n"
    "enum OpenAPIDocument {\n"
    "    static let text = ##\"\"\"\n" + indented + "        \"\"\"##\n\n"
    "    static var response: Response {\n"
    "        var headers = HTTPFields()\n"
    "        headers[.contentType] = \"application/json; charset=utf-8\"\n"
    "        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))\n"
    "    }\n"
    "}\n"
)
open(target, "w", encoding="utf-8").write(swift)
PY
