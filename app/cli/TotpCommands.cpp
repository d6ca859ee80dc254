#include "TotpCommands.h"

#include "CliContext.h"
#include "CommandRegistry.h"
#include "IdentitySupport.h"
#include "MfaOutput.h"
#include "MfaSubject.h"
#include "OtpOptions.h"
#include "PrivateFile.h"
#include "QrOutput.h"
#include "TextLayout.h"
#include "mfa/MfaService.h"

namespace tessera::cli {

namespace {

const QString kQrPng = QStringLiteral("qr-png");
const QString kRequire = QStringLiteral("require");
const QString kRequireNone = QStringLiteral("require-none");

int runEnroll(CliContext& context, const ParsedArgs& args)
{
    const bool toPng = args.isSet(kQrPng);
    const QString pngPath = args.value(kQrPng);
    if (toPng) {
        auto format = QrOutput::formatFor(pngPath);
        if (!format || *format != QrOutput::Format::Png) {
            return context.fail(CliError::usage(QStringLiteral("--qr-png needs a file name ending in .png")));
        }
        if (auto ok = PrivateFile::checkTarget(pngPath, args.isSet(QStringLiteral("force"))); !ok) {
            return context.fail(ok.error());
        }
    }
    auto subject = MfaSubject::load(context, args.positional(0), Vault::Access::ReadWrite);
    if (!subject) {
        return context.fail(subject.error());
    }
    const QString& username = subject->username;
    auto enrolment = subject->open->mfa().enrol(username);
    if (!enrolment) {
        return context.fail(CliError::fromError(enrolment.error()));
    }
    const OtpPolicy& settings = enrolment->policy;
    QString secret = enrolment->secretBase32();
    QString grouped = enrolment->secretForManualEntry();
    auto wipeAll = [&] {
        wipeString(secret);
        wipeString(grouped);
        wipeString(enrolment->uri);
        enrolment->secret.wipe();
    };
    auto qr = QrOutput::encode(enrolment->uri);
    if (!qr) {
        wipeAll();
        return context.fail(qr.error());
    }
    if (toPng) {
        auto png = QrOutput::fileBytes(*qr, QrOutput::Format::Png);
        auto written =
            png ? PrivateFile::write(pngPath, *png) : CliResult<QString>(std::unexpected(png.error()));
        if (png) {
            wipeBytes(*png);
        }
        if (!written) {
            wipeAll();
            // The pending enrolment stays; running enroll again replaces it.
            return context.fail(written.error());
        }
    }
    if (const QString warning = MfaOutput::appDefaultsWarning(settings); !warning.isEmpty()) {
        context.writeErr(warning);
    }
    const QJsonObject fields{
        {QStringLiteral("username"), username},
        {QStringLiteral("state"), mfaStateName(MfaState::Pending)},
        {QStringLiteral("issuer"), enrolment->issuer},
        {QStringLiteral("secret"), secret},
        {QStringLiteral("uri"), enrolment->uri},
        {QStringLiteral("algorithm"), otpAlgorithmName(settings.algorithm)},
        {QStringLiteral("digits"), settings.digits},
        {QStringLiteral("period"), settings.period},
        {QStringLiteral("qrPng"), toPng ? QJsonValue(pngPath) : QJsonValue(QJsonValue::Null)}};
    QString text =
        QStringLiteral("Enrolled an authenticator for %1; it is pending until a first code confirms it.\n\n")
            .arg(username);
    if (toPng) {
        text +=
            QStringLiteral("Scan the QR code in %1 with the authenticator app (delete the file afterwards: "
                           "it holds the secret).\n\n")
                .arg(pngPath);
    } else {
        text += QStringLiteral("Scan this QR code with the authenticator app:\n\n") +
                QrOutput::terminalText(*qr) + QLatin1Char('\n');
    }
    text += QStringLiteral("Or add the account by hand (time-based):\n");
    text += TextLayout::labelled(
        {{QStringLiteral("  Account"),
          enrolment->issuer.isEmpty() ? username : enrolment->issuer + QLatin1Char(':') + username},
         {QStringLiteral("  Secret"), grouped},
         {QStringLiteral("  Settings"), MfaOutput::settingsText(settings)}});
    text +=
        QStringLiteral("\nThen confirm with the code the app shows:\n  tessera-cli totp confirm %1 CODE\n")
            .arg(username);
    const int exitCode = context.succeed(fields, text);
    wipeString(text);
    wipeAll();
    return exitCode;
}

int runConfirm(CliContext& context, const ParsedArgs& args)
{
    auto subject = MfaSubject::load(context, args.positional(0), Vault::Access::ReadWrite);
    if (!subject) {
        return context.fail(subject.error());
    }
    MfaService& mfa = subject->open->mfa();
    const QString& username = subject->username;
    const MfaStatus& status = subject->status;
    QString code = args.positional(1);
    if (status.state == MfaState::Pending) {
        // A typo in the code's shape is a usage error; only a well-formed code can "not match".
        auto wellFormed = OtpOptions::code(code, status.digits, QStringLiteral("CODE"));
        if (!wellFormed) {
            return context.fail(wellFormed.error());
        }
        code = *wellFormed;
    }
    // Off and Active are left to the core: NotFound (nothing to confirm) and Conflict (already active).
    if (auto ok = mfa.confirm(username, code); !ok) {
        if (ok.error().kind == ErrorKind::Input) {
            return context.fail(CliError::negative(QStringLiteral("no-match"), ok.error().message),
                                QJsonObject{{QStringLiteral("username"), username},
                                            {QStringLiteral("state"), mfaStateName(status.state)}});
        }
        return context.fail(CliError::fromError(ok.error()));
    }
    QString text =
        QStringLiteral("Confirmed: %1 now signs in with a code from the authenticator.").arg(username);
    text += QStringLiteral(
                "\nNext: give them backup codes for a lost phone: tessera-cli backup-codes generate %1")
                .arg(username);
    return context.succeed(QJsonObject{{QStringLiteral("username"), username},
                                       {QStringLiteral("state"), mfaStateName(MfaState::Active)}},
                           text);
}

int runReset(CliContext& context, const ParsedArgs& args)
{
    const bool yes = args.isSet(QStringLiteral("yes"));
    if (auto ok = IdentitySupport::requireConfirmable(yes, QStringLiteral("resetting a second factor"));
        !ok) {
        return context.fail(ok.error());
    }
    auto subject = MfaSubject::load(context, args.positional(0), Vault::Access::ReadWrite);
    if (!subject) {
        return context.fail(subject.error());
    }
    MfaService& mfa = subject->open->mfa();
    const QString& username = subject->username;
    const MfaStatus& status = subject->status;
    // Asking first and then answering "nothing to reset" would waste the question.
    if (status.state == MfaState::Off && status.backupCodesTotal == 0) {
        return context.fail(CliError::fromError(
            Error{ErrorKind::NotFound,
                  QStringLiteral("%1 has no authenticator and no backup codes").arg(username)}));
    }
    if (auto ok = IdentitySupport::confirm(
            yes, QStringLiteral("Remove the authenticator and the backup codes of %1? They will sign in with "
                                "the password alone until they enrol again.")
                     .arg(username));
        !ok) {
        return context.fail(ok.error());
    }
    if (auto ok = mfa.reset(username); !ok) {
        return context.fail(CliError::fromError(ok.error()));
    }
    QString text =
        QStringLiteral(
            "Removed the authenticator and the backup codes of %1; they sign in with the password alone.")
            .arg(username);
    if (status.required) {
        text += QStringLiteral("\nThe MFA policy requires a second factor for %1: enrol again with "
                               "'tessera-cli totp enroll %1'.")
                    .arg(username);
    }
    return context.succeed(QJsonObject{{QStringLiteral("username"), username},
                                       {QStringLiteral("state"), mfaStateName(MfaState::Off)}},
                           text);
}

int runStatus(CliContext& context, const ParsedArgs& args)
{
    auto subject = MfaSubject::load(context, args.positional(0), Vault::Access::ReadOnly);
    if (!subject) {
        return context.fail(subject.error());
    }
    const QString& username = subject->username;
    const MfaStatus& status = subject->status;
    QJsonObject fields = MfaOutput::statusJson(status);
    fields.insert(QStringLiteral("username"), username);
    const bool enrolled = status.state != MfaState::Off;
    const QString none = QStringLiteral("-");
    QString text = TextLayout::labelled({
        {QStringLiteral("Username"), username},
        {QStringLiteral("State"), mfaStateName(status.state)},
        {QStringLiteral("Settings"),
         enrolled ? MfaOutput::settingsText(status.algorithm, status.digits, status.period) : none},
        {QStringLiteral("Enrolled"), enrolled ? IdentitySupport::isoOrNever(status.enrolledMs) : none},
        {QStringLiteral("Confirmed"),
         status.isActive() ? IdentitySupport::isoOrNever(status.confirmedMs) : none},
        {QStringLiteral("Backup codes"), status.backupCodesTotal == 0
                                             ? QStringLiteral("none")
                                             : QStringLiteral("%1 of %2 left")
                                                   .arg(status.backupCodesRemaining)
                                                   .arg(status.backupCodesTotal)},
        {QStringLiteral("Required by policy"),
         status.required ? QStringLiteral("yes") : QStringLiteral("no")},
    });
    if (status.isMissing()) {
        text +=
            QStringLiteral("MFA required by policy: enrol an authenticator (tessera-cli totp enroll %1)\n")
                .arg(username);
    } else if (status.state == MfaState::Pending) {
        text += QStringLiteral("Waiting for a first code: tessera-cli totp confirm %1 CODE\n").arg(username);
    }
    if (status.isActive() && status.backupCodesTotal == 0) {
        text += QStringLiteral("No backup codes yet: tessera-cli backup-codes generate %1\n").arg(username);
    } else if (status.backupCodesLow()) {
        text +=
            QStringLiteral("Few backup codes left: tessera-cli backup-codes generate %1\n").arg(username);
    }
    return context.succeed(fields, text);
}

struct PolicyEdit
{
    std::optional<OtpAlgorithm> algorithm;
    std::optional<int> digits;
    std::optional<int> period;
    std::optional<int> window;
    std::optional<QString> issuer;
    std::optional<QStringList> requiredFor;

    bool isEmpty() const { return !algorithm && !digits && !period && !window && !issuer && !requiredFor; }

    void applyTo(MfaPolicy& policy) const
    {
        policy.totp.algorithm = algorithm.value_or(policy.totp.algorithm);
        policy.totp.digits = digits.value_or(policy.totp.digits);
        policy.totp.period = period.value_or(policy.totp.period);
        policy.totp.window = window.value_or(policy.totp.window);
        policy.issuer = issuer.value_or(policy.issuer);
        policy.requiredFor = requiredFor.value_or(policy.requiredFor);
    }
};

// Every value is checked before the vault opens, so a typo never costs a password prompt: the edit is
// applied to the default policy (which is valid) and the core's validate() names what is wrong.
CliResult<PolicyEdit> parsePolicyEdit(const ParsedArgs& args)
{
    PolicyEdit edit;
    if (args.isSet(QStringLiteral("algorithm"))) {
        auto algorithm = OtpOptions::algorithm(args);
        if (!algorithm) {
            return std::unexpected(algorithm.error());
        }
        edit.algorithm = *algorithm;
    }
    const std::pair<QString, std::optional<int>*> numbers[] = {{QStringLiteral("digits"), &edit.digits},
                                                               {QStringLiteral("period"), &edit.period},
                                                               {QStringLiteral("window"), &edit.window}};
    for (const auto& [option, field] : numbers) {
        if (!args.isSet(option)) {
            continue;
        }
        auto number = OtpOptions::integer(args, option);
        if (!number) {
            return std::unexpected(number.error());
        }
        *field = *number;
    }
    if (args.isSet(QStringLiteral("issuer"))) {
        edit.issuer = args.value(QStringLiteral("issuer")).trimmed();
    }
    if (args.isSet(kRequire) && args.isSet(kRequireNone)) {
        return cliFail(CliError::usage(QStringLiteral("--require and --require-none cannot be combined")));
    }
    if (args.isSet(kRequireNone)) {
        edit.requiredFor = QStringList{};
    } else if (args.isSet(kRequire)) {
        auto permissions = IdentitySupport::permissions(args.values(kRequire));
        if (!permissions) {
            return std::unexpected(permissions.error());
        }
        QStringList names;
        for (const Permission& permission : std::as_const(*permissions)) {
            names.append(permission.toString());
        }
        names.sort();
        names.removeDuplicates();
        edit.requiredFor = names;
    }
    MfaPolicy check;
    edit.applyTo(check);
    if (auto ok = check.validate(); !ok) {
        return cliFail(CliError::usage(ok.error().message));
    }
    return edit;
}

int runPolicy(CliContext& context, const ParsedArgs& args)
{
    auto edit = parsePolicyEdit(args);
    if (!edit) {
        return context.fail(edit.error());
    }
    auto open =
        IdentitySupport::open(context, edit->isEmpty() ? Vault::Access::ReadOnly : Vault::Access::ReadWrite);
    if (!open) {
        return context.fail(open.error());
    }
    MfaService& mfa = (*open)->mfa();
    if (edit->isEmpty()) {
        return context.succeed(QJsonObject{{QStringLiteral("policy"), MfaOutput::policyJson(mfa.policy())},
                                           {QStringLiteral("changed"), false}},
                               MfaOutput::policyText(mfa.policy()));
    }
    MfaPolicy policy = mfa.policy();
    edit->applyTo(policy);
    const bool changed = !(policy == mfa.policy());
    if (changed) {
        if (auto ok = mfa.setPolicy(policy); !ok) {
            return context.fail(CliError::fromError(ok.error()));
        }
    }
    if (const QString warning = MfaOutput::appDefaultsWarning(policy.totp); !warning.isEmpty()) {
        context.writeErr(warning);
    }
    QString text = changed
                       ? QStringLiteral("Updated the MFA policy (new enrolments use these settings; existing "
                                        "authenticators keep theirs):\n")
                       : QStringLiteral("The MFA policy already had these values; nothing changed:\n");
    text += MfaOutput::policyText(policy);
    return context.succeed(QJsonObject{{QStringLiteral("policy"), MfaOutput::policyJson(policy)},
                                       {QStringLiteral("changed"), changed}},
                           text);
}

PositionalSpec user()
{
    return PositionalSpec{QStringLiteral("USER"),
                          QStringLiteral("The username (case is ignored when looking it up)")};
}

} // namespace

void TotpCommands::registerAll(CommandRegistry& registry)
{
    const QStringList word{QStringLiteral("totp")};
    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("enroll")},
        QStringLiteral("Enrol an authenticator app for a user"),
        QStringLiteral(
            "Makes a fresh secret for USER under the vault's MFA policy and shows it once: as a QR code in "
            "the terminal (or in a PNG file with --qr-png, mode 0600), and as text for typing into the app, "
            "with the settings. The enrolment is pending until 'totp confirm' gets a first valid code; "
            "enrolling again replaces a pending one. A user with an active authenticator must be reset "
            "first (exit 2). Warns when the policy is not the app defaults (SHA1, 6 digits, 30 s), which "
            "Google and Microsoft Authenticator silently use whatever the QR code says. Audited."),
        {user()},
        {OptionSpec{kQrPng, QStringLiteral("FILE"),
                    QStringLiteral("Write the QR code to FILE (.png) instead of drawing it in the terminal")},
         OptionSpec{QStringLiteral("force"), QString(), QStringLiteral("Replace FILE if it exists")}},
        runEnroll});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("confirm")},
        QStringLiteral("Activate a pending authenticator with a first code"),
        QStringLiteral(
            "Checks CODE, the code the app shows, against USER's pending enrolment: exit 0 and the "
            "authenticator is active (sign-ins then ask for a code), exit 1 (kind 'no-match') when "
            "it does not match. A code that is not the right number of digits is exit 2. Audited."),
        {user(),
         PositionalSpec{QStringLiteral("CODE"), QStringLiteral("The code the authenticator app shows")}},
        {},
        runConfirm});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("reset")},
        QStringLiteral("Remove a user's authenticator and backup codes"),
        QStringLiteral("Removes USER's authenticator (pending or active) and backup codes, for a lost phone: "
                       "they sign in with the password alone until they enrol again. Asks [y/N] on a "
                       "terminal; without one --yes is required (exit 2, before the vault is opened). "
                       "Audited."),
        {user()},
        {OptionSpec{QStringLiteral("yes"), QString(), QStringLiteral("Reset without asking")}},
        runReset});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("status")},
        QStringLiteral("Show a user's second-factor state"),
        QStringLiteral("Shows, read-only, whether USER has an authenticator (off, pending or active), its "
                       "settings, when it was enrolled and confirmed, how many backup codes are left, and "
                       "whether the vault's MFA policy requires a second factor for USER. Never the secret."),
        {user()},
        {},
        runStatus});

    registry.add(CommandSpec{
        word + QStringList{QStringLiteral("policy")},
        QStringLiteral("Show or change the vault's MFA policy"),
        QStringLiteral(
            "Without options shows the policy (read-only). Otherwise changes only the given fields and "
            "keeps the others; every value is checked before the vault opens (exit 2 naming the problem). "
            "New enrolments use the TOTP settings; existing authenticators keep theirs. Users holding a "
            "--require permission (through any role) must have an active authenticator: sign-ins and the "
            "Users page say so. Warns when the TOTP settings are not the app defaults (SHA1, 6 digits, "
            "30 s). Audited as settings.change."),
        {},
        {OptionSpec{QStringLiteral("algorithm"), QStringLiteral("ALG"),
                    QStringLiteral("SHA1, SHA256 or SHA512")},
         OptionSpec{QStringLiteral("digits"), QStringLiteral("N"), QStringLiteral("6 or 8")},
         OptionSpec{QStringLiteral("period"), QStringLiteral("N"),
                    QStringLiteral("Seconds per code: 30 or 60")},
         OptionSpec{QStringLiteral("window"), QStringLiteral("N"),
                    QStringLiteral("Steps accepted either side of the current one, 0 to %1")
                        .arg(OtpPolicy::kMaxWindow)},
         OptionSpec{QStringLiteral("issuer"), QStringLiteral("TEXT"),
                    QStringLiteral("The name authenticator apps show above the account (up to %1 characters)")
                        .arg(MfaPolicy::kMaxIssuerLength)},
         OptionSpec{kRequire, QStringLiteral("PERMISSION"),
                    QStringLiteral("Require a second factor of users holding PERMISSION (replaces the list)"),
                    true},
         OptionSpec{kRequireNone, QString(), QStringLiteral("Require a second factor of nobody")}},
        runPolicy});
}

} // namespace tessera::cli
