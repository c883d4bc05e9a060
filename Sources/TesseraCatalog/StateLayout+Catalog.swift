import Foundation
import TesseraModel

extension StateLayout {
    /// `<project>/<state_dir>/<env>/catalog.sqlite`: one catalog per environment, like every
    /// other piece of state, so `dev` runs never show up in `prod`'s history.
    public var catalogFile: URL {
        environmentDirectory.appendingPathComponent("catalog.sqlite")
    }
}
