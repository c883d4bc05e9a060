// The shared test helpers (`MeshFixture`, `FixtureServer`, `FixtureError`) are in scope in every
// file of this target.
@_exported import TesseraTesting
