import TerminalUI

extension Theme {
    /// Roles that views use but the theme does not style.
    public var missingRoles: [Role] { Role.all.filter { styles[$0] == nil } }
}
