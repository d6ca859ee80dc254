#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace tessera {

// One hop in the answer to "why may (or may not) this user do this".
struct AccessStep
{
    enum class Kind
    {
        User,        // the user asked about
        Role,        // a role the user holds, or one included by the previous role
        Permission,  // the permission, granted by the previous role
        Wildcard,    // admin:all, granted by the previous role
        ObjectGrant, // the permission (or admin:all) granted to the user on objectId only
    };

    Kind kind = Kind::User;
    QString name; // username, role name or permission
    QString objectId;

    friend bool operator==(const AccessStep& a, const AccessStep& b)
    {
        return a.kind == b.kind && a.name == b.name && a.objectId == b.objectId;
    }
};

// For a denial: what the user's roles grant that comes nearest the permission asked for.
struct ClosestGrant
{
    QString role;
    QStringList permissions; // sorted
};

// The structured answer behind `access check` and the GUI's access check tool.
struct AccessExplanation
{
    enum class Basis
    {
        None,        // denied
        Role,        // a role grants the permission (directly or through included roles)
        Wildcard,    // a role grants admin:all
        ObjectGrant, // a grant on this one object
    };

    bool allowed = false;
    Basis basis = Basis::None;
    bool userKnown = false;
    QString username; // as stored when known, as asked otherwise
    QString permission;
    QString objectId;            // empty for a type-wide check
    QList<AccessStep> path;      // user -> role -> included role ... -> permission; empty when denied
    QList<ClosestGrant> closest; // denial only: the user's roles' permissions on the same resource
    // One line for people: the path with a note for allowed, the reason for denied, e.g.
    // "no role of alice grants delete:posts; closest: editor grants read:posts, write:posts".
    QString reason;

    QString pathText() const; // "alice -> editor -> viewer -> read:posts"
    QString toText() const;   // "allowed: ..." or "denied: ..."
    QJsonObject toJson() const;

    static QString basisName(Basis basis); // "none", "role", "wildcard", "object-grant"
    static QString stepKindName(AccessStep::Kind kind);
};

} // namespace tessera
