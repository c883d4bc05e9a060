import Testing
@testable import TesseraTransform
