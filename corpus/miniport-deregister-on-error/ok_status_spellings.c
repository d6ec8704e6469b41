/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * Every failure test is spelled differently - `!NT_SUCCESS(Status)`,
 * `NDIS_STATUS_SUCCESS != Status`, `Status < 0`, and a negated success
 * compare `!(Status == NDIS_STATUS_SUCCESS)` - and every failure after the
 * registration deregisters before returning.  Also: a step that fails
 * BEFORE the registration returns freely, and the final `return Status;`
 * returns the status of a successful step.  None of these returns leaks.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpHandle;
static PVOID MpBufA;
static PVOID MpBufB;

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpHandle);
}

/* Returns a status for one allocation. */
static NDIS_STATUS
MpAlloc(_Out_ PVOID *Buffer, _In_ ULONG Size)
{
    *Buffer = NdisAllocateMemoryWithTagPriority(MpHandle, Size, 'sSpM', NormalPoolPriority);
    return (*Buffer != NULL) ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    if (RegistryPath->Length == 0) {
        return STATUS_INVALID_PARAMETER;
    }

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MpHandle);
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    Status = MpAlloc(&MpBufA, 256);
    if (NDIS_STATUS_SUCCESS != Status) {
        NdisMDeregisterMiniportDriver(MpHandle);
        return Status;
    }

    Status = MpAlloc(&MpBufB, 512);
    if (Status < 0) {
        NdisFreeMemory(MpBufA, 0, 0);
        NdisMDeregisterMiniportDriver(MpHandle);
        return Status;
    }

    Status = MpAlloc(&MpBufA, 1024);
    if (!(Status == NDIS_STATUS_SUCCESS)) {
        NdisFreeMemory(MpBufB, 0, 0);
        NdisMDeregisterMiniportDriver(MpHandle);
        return Status;
    }
    return Status;
}
