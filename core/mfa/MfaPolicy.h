#pragma once

#include "common/Error.h"
#include "totp/OtpPolicy.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tessera {

// The vault's second-factor settings, stored as one JSON setting (`mfa.policy`):
//   {"totp":{"algorithm":"SHA1","digits":6,"period":30,"window":1},"issuer":"Tessera",
//    "requiredFor":["admin:all"]}
// `requiredFor` lists permissions: a user who holds any of them (through any role) must have an
// active authenticator; the Users page flags those who do not, and sign-in reports it.
struct MfaPolicy
{
    static constexpr int kMaxIssuerLength = 64;

    OtpPolicy totp;
    QString issuer = QStringLiteral("Tessera");
    QStringList requiredFor; // permission names ("admin:all"), sorted, no duplicates

    Status validate() const;
    QJsonObject toJson() const;
    // Missing keys take the defaults; wrong types or values are an Input error naming the key.
    static Result<MfaPolicy> fromJson(const QJsonObject& json);

    friend bool operator==(const MfaPolicy&, const MfaPolicy&) = default;
};

} // namespace tessera
