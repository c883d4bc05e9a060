// The shared test helpers (`TesseraBinary`, `TemporaryDirectory`) are in scope in every file of
// this target, as they were when they lived here.
@_exported import TesseraTesting
