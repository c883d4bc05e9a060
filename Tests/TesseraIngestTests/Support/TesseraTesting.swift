// The shared test helpers (`MeshFixture`, `FixtureError`) are in scope in every file of this target.
@_exported import TesseraTesting
