import Testing
@testable import TesseraCatalog
