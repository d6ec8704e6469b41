/*
 * ntifs.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: the kernel interface of <ntddk.h> plus a
 * few file-system-level declarations, written from documented shapes.
 */
#ifndef _NTIFS_
#define _NTIFS_
#ifndef NDISLINT_NTIFS_H
#define NDISLINT_NTIFS_H

#include <ntddk.h>

typedef enum _FILE_INFORMATION_CLASS {
    FileDirectoryInformation = 1,
    FileFullDirectoryInformation,
    FileBothDirectoryInformation,
    FileBasicInformation,
    FileStandardInformation,
    FileInternalInformation,
    FileEaInformation,
    FileAccessInformation,
    FileNameInformation,
    FileRenameInformation,
    FileLinkInformation,
    FileNamesInformation,
    FileDispositionInformation,
    FilePositionInformation,
    FileFullEaInformation,
    FileModeInformation,
    FileAlignmentInformation,
    FileAllInformation,
    FileAllocationInformation,
    FileEndOfFileInformation,
    FileMaximumInformation = 80
} FILE_INFORMATION_CLASS, *PFILE_INFORMATION_CLASS;

typedef struct _FILE_STANDARD_INFORMATION {
    LARGE_INTEGER AllocationSize;
    LARGE_INTEGER EndOfFile;
    ULONG NumberOfLinks;
    BOOLEAN DeletePending;
    BOOLEAN Directory;
} FILE_STANDARD_INFORMATION, *PFILE_STANDARD_INFORMATION;

typedef struct _FILE_BASIC_INFORMATION {
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    ULONG FileAttributes;
} FILE_BASIC_INFORMATION, *PFILE_BASIC_INFORMATION;

NTSYSAPI NTSTATUS NTAPI ZwQueryInformationFile(_In_ HANDLE FileHandle,
                                               _Out_ PIO_STATUS_BLOCK IoStatusBlock,
                                               _Out_writes_bytes_(Length) PVOID FileInformation,
                                               _In_ ULONG Length,
                                               _In_ FILE_INFORMATION_CLASS FileInformationClass);
NTKERNELAPI NTSTATUS NTAPI ObOpenObjectByPointer(_In_ PVOID Object, _In_ ULONG HandleAttributes,
                                                 _In_opt_ PACCESS_STATE PassedAccessState,
                                                 _In_ ACCESS_MASK DesiredAccess,
                                                 _In_opt_ POBJECT_TYPE ObjectType,
                                                 _In_ KPROCESSOR_MODE AccessMode,
                                                 _Out_ PHANDLE Handle);
NTKERNELAPI PEPROCESS NTAPI IoThreadToProcess(_In_ PETHREAD Thread);
NTKERNELAPI BOOLEAN NTAPI SeTokenIsAdmin(_In_ PVOID Token);

#endif /* NDISLINT_NTIFS_H */
#endif /* _NTIFS_ */
