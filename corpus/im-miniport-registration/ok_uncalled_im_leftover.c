/*
 * im-miniport-registration - CORRECT (no finding).
 * A pure protocol driver that still carries an unused helper from an IM
 * prototype: ImLeftoverSetup stores NDIS_INTERMEDIATE_DRIVER into Flags and
 * calls NdisIMAssociateMiniport.  Nothing DriverEntry reaches calls it, so
 * there is no IM evidence (evidence counts only in DriverEntry and what it
 * calls) and no IM rule applies.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD LoUnload;

NDIS_HANDLE LoProtocolHandle;
NDIS_HANDLE LoMiniportHandle;
NDIS_MINIPORT_DRIVER_CHARACTERISTICS LoMChars;

/* Left over from the IM prototype; not called. */
VOID
ImLeftoverSetup(VOID)
{
    NdisZeroMemory(&LoMChars, sizeof(LoMChars));
    LoMChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    NdisIMAssociateMiniport(LoMiniportHandle, LoProtocolHandle);
}

_Use_decl_annotations_
VOID
LoUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(LoProtocolHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &LoProtocolHandle);
    if (NT_SUCCESS(Status)) {
        DriverObject->DriverUnload = LoUnload;
    }
    return Status;
}
