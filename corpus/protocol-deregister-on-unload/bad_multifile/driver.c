/*
 * protocol-deregister-on-unload - VIOLATION, two-file run (driver.c +
 * protocol.c).  DriverEntry (here) registers the protocol through
 * PtRegisterProtocol() in protocol.c and installs PtUnload as
 * DriverObject->DriverUnload.  PtUnload, also here, only frees the binding
 * lock: the deregistration was supposed to be in protocol.c, which has none.
 * Expected finding: at PtUnload's name below.  The registration is only
 * visible by following the call into the other file.
 */
#include "ptdrv.h"

PT_GLOBALS PtGlobals;

_Use_decl_annotations_
VOID
PtUnload(PDRIVER_OBJECT DriverObject)  // expect: protocol-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisFreeSpinLock(&PtGlobals.BindingLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisAllocateSpinLock(&PtGlobals.BindingLock);
    InitializeListHead(&PtGlobals.BindingList);

    Status = PtRegisterProtocol();
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&PtGlobals.BindingLock);
        return Status;
    }

    DriverObject->DriverUnload = PtUnload;
    return STATUS_SUCCESS;
}
