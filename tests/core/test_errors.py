import pytest

from review_desk.core import errors


@pytest.mark.parametrize(
    ("error_type", "key"),
    [
        (errors.EmptyFileError, "empty_file"),
        (errors.CorruptFileError, "corrupt_file"),
        (errors.EncryptedFileError, "encrypted_file"),
        (errors.FileTooLargeError, "file_too_large"),
        (errors.UnsafeContentError, "unsafe_content"),
        (errors.WrongExtensionError, "wrong_extension"),
        (errors.FileVanishedError, "file_vanished"),
        (errors.ConverterMissingError, "converter_missing"),
        (errors.RulesError, "rules_invalid"),
    ],
)
def test_message_names_file_key_and_reason(
    error_type: type[errors.ReviewDeskError], key: str
) -> None:
    error = error_type("细节", "/data/收件/名单.xlsx")
    assert error.key == key
    assert error.message.startswith("名单.xlsx：")
    assert f"[{key}]" in error.message
    assert "细节" in str(error)


def test_load_errors_are_review_desk_errors() -> None:
    assert issubclass(errors.CorruptFileError, errors.LoadError)
    assert issubclass(errors.LoadError, errors.ReviewDeskError)
