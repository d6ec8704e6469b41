/*
 * im-miniport-registration - VIOLATION.
 * The file still holds the old entry routine, ImDriverEntryLegacy, which
 * does register the miniport; the real DriverEntry registers the protocol,
 * stores NDIS_INTERMEDIATE_DRIVER in the miniport Flags and associates the
 * two edges, but never calls the legacy routine or NdisMRegisterMiniportDriver.
 * Only the function named DriverEntry (and what it calls) counts.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD LgUnload;
MINIPORT_INITIALIZE LgInitialize;

NDIS_HANDLE LgMiniportHandle = NULL;
NDIS_HANDLE LgProtocolHandle = NULL;
NDIS_MINIPORT_DRIVER_CHARACTERISTICS LgMChars;

_Use_decl_annotations_
NDIS_STATUS
LgInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
LgUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(LgProtocolHandle);
}

/* The entry routine of the previous version; kept "for reference". */
NTSTATUS
ImDriverEntryLegacy(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                       &LgMChars, &LgMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(  // expect: im-miniport-registration
    PDRIVER_OBJECT DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisZeroMemory(&LgMChars, sizeof(LgMChars));
    LgMChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    LgMChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    LgMChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    LgMChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    LgMChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    LgMChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    LgMChars.InitializeHandlerEx = LgInitialize;
    LgMChars.UnloadHandler = LgUnload;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &LgProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    NdisIMAssociateMiniport(LgMiniportHandle, LgProtocolHandle);
    DriverObject->DriverUnload = LgUnload;
    return NDIS_STATUS_SUCCESS;
}
