/*
 * im-intermediate-flag - CORRECT (no finding).
 * A plain NDIS 6 NIC miniport: Flags holds NDIS_WDM_DRIVER only, which is
 * right for it, since it is not an IM driver - DriverEntry registers no
 * protocol and calls no NdisIM* function.  The file still carries a leftover
 * helper from an old IM prototype that stores NDIS_INTERMEDIATE_DRIVER and
 * calls NdisIMAssociateMiniport, but nothing calls it, so it is no IM
 * evidence.  A checker that scans the whole file for IM traces would wrongly
 * apply the IM rule and report the registration call.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE PmInitialize;
MINIPORT_HALT PmHalt;
MINIPORT_UNLOAD PmUnload;

NDIS_HANDLE PmDriverHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
PmInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PmHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
PmUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(PmDriverHandle);
}

/* Leftover from the IM prototype (see history); no longer called. */
VOID
PmLegacyMakeIntermediate(PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars,
                         NDIS_HANDLE ProtocolHandle)
{
    Chars->Flags |= NDIS_INTERMEDIATE_DRIVER;
    NdisIMAssociateMiniport(PmDriverHandle, ProtocolHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.MajorDriverVersion = 1;
    Chars.Flags = NDIS_WDM_DRIVER;
    Chars.InitializeHandlerEx = PmInitialize;
    Chars.HaltHandlerEx = PmHalt;
    Chars.UnloadHandler = PmUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &PmDriverHandle);
    return Status;
}
